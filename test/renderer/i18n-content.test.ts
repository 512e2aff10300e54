// The core's English content (example gallery, tasks, parameter help) has a Chinese translation for every entry the
// lab serves today, and the helpers fall back to the core's English for anything unknown.
import { describe, expect, it } from 'vitest';
import type { ExampleInfo, TaskInfo } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { exampleText, missingContent, paramHelp, paramLabel, taskText } from '../../src-renderer/src/i18n/content';

describe('translated content', () => {
  it('covers every example, task and task parameter the lab lists', async () => {
    const lab = new LabService({ engine: 'reference' });
    const [examples, tasks] = [await lab.listExamples(), await lab.listTasks()];
    if (!examples.ok || !tasks.ok) throw new Error('the lab did not list its examples and tasks');
    expect(examples.value.length).toBeGreaterThanOrEqual(11);
    expect(missingContent('zh-CN', examples.value, tasks.value)).toEqual([]);
  });

  it("uses the translation in Chinese and the core's English otherwise", () => {
    const example = { id: 'adding-srn', title: 'T', description: 'D', lookFor: 'L' } as ExampleInfo;
    expect(exampleText(example, 'en')).toEqual({ title: 'T', description: 'D', lookFor: 'L' });
    expect(exampleText(example, 'zh-CN').title).toMatch(/梯度消失/);
    expect(exampleText({ ...example, id: 'new-example' }, 'zh-CN').title).toBe('T');
    const task = { id: 'adding', title: 'Adding problem', description: 'x' } as TaskInfo;
    expect(taskText(task, 'zh-CN').title).toBe('加法问题');
    expect(paramHelp('adding', 'length', 'english', 'zh-CN')).toMatch(/^序列长度 T/);
    expect(paramHelp('cloze', 'trainSize', 'english', 'zh-CN')).toBe('网络用来训练的样本数。');
    expect(paramHelp('adding', 'unknown', 'english', 'zh-CN')).toBe('english');
    expect(paramLabel('trainSize', 'en')).toBeNull();
  });
});
