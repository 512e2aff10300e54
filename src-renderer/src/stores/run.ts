// The run store (Pinia): the Train page's state bound to the app's LabApi. The logic is in run-state.ts.
import { defineStore } from 'pinia';
import { lab } from '../api';
import { createRunState } from './run-state';

export const useRunStore = defineStore('run', () => createRunState(lab));
