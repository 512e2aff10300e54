// Live validation of the Design form: checkSpec on every change, debounced, answering the core's one-line error (with
// its field), the parameter list and count, and the fields that do not apply to the family (with why).
import { ref, watch, type Ref } from 'vue';
import { lab, type Failure, type SpecCheck } from '../../api';
import { firstNotANumber, specFromForm, type SpecFieldName, type SpecForm } from './spec-form';

export function useSpecCheck(form: Ref<SpecForm>, delayMs = 250) {
  const check = ref<SpecCheck | null>(null);
  /** A failed request (not an invalid spec: that is check.error). */
  const requestError = ref<Failure | null>(null);
  const localError = ref<SpecFieldName | null>(null);
  const checking = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function run(): Promise<void> {
    const bad = firstNotANumber(form.value);
    localError.value = bad;
    if (bad) return;
    const mine = ++generation;
    checking.value = true;
    const result = await lab.checkSpec(specFromForm(form.value, check.value?.notApplicable));
    if (mine !== generation) return; // a newer edit is being checked
    checking.value = false;
    if (result.ok) {
      check.value = result.value;
      requestError.value = null;
    } else {
      requestError.value = result;
    }
  }

  watch(
    form,
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    },
    { deep: true, immediate: true },
  );

  return { check, requestError, localError, checking, recheck: run };
}
