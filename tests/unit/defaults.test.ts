import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS, DEFAULT_REMINDERS, defaultSettings } from '@/utils/model/defaults';
import { Settings } from '@/utils/model/schema';

describe('the pause screen’s default text', () => {
  it('is written for anyone: they, not he or she', () => {
    for (const line of [...DEFAULT_QUESTIONS, ...DEFAULT_REMINDERS]) {
      expect(line).not.toMatch(/\b(he|him|his|himself|she|her|hers|herself)\b/i);
    }
    expect(DEFAULT_QUESTIONS.some((q) => /\bthey\b/.test(q))).toBe(true);
  });

  it('carries the article’s reflection questions', () => {
    expect(DEFAULT_QUESTIONS).toEqual(
      expect.arrayContaining([
        'Are they willing to work on the relationship and address the issues?',
        'Are they willing to listen and compromise?',
        'Do they feel sorry for what they did?',
        'What is the plan from now on?',
      ]),
    );
  });

  it('is valid settings', () => {
    expect(Settings.parse(defaultSettings())).toEqual(defaultSettings());
  });
});
