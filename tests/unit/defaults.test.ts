import { describe, expect, it } from 'vitest';
import { DEFAULT_INCOMING_QUESTIONS, DEFAULT_QUESTIONS, DEFAULT_REMINDERS, defaultSettings } from '@/utils/model/defaults';
import { Settings } from '@/utils/model/schema';

describe('the pause screen’s default text', () => {
  it('is written for anyone: they, not he or she', () => {
    for (const line of [...DEFAULT_QUESTIONS, ...DEFAULT_INCOMING_QUESTIONS, ...DEFAULT_REMINDERS]) {
      expect(line).not.toMatch(/\b(he|him|his|himself|she|her|hers|herself)\b/i);
    }
    expect(DEFAULT_QUESTIONS.some((q) => /\b(they|them)\b/.test(q))).toBe(true);
    expect(DEFAULT_INCOMING_QUESTIONS.some((q) => /\bthey\b/.test(q))).toBe(true);
  });

  // Issue 24: the article's questions are for when they make contact, its reasons for the user's own urge.
  it('carries the article’s questions for when they reach out, and its reasons for the user’s own urge', () => {
    expect(DEFAULT_INCOMING_QUESTIONS).toEqual(
      expect.arrayContaining([
        'Are they willing to work on the relationship and address the issues?',
        'Are they willing to listen and compromise?',
        'Do they feel sorry for what they did?',
        'What is the plan from now on?',
      ]),
    );
    expect(DEFAULT_QUESTIONS).toEqual([
      'What do you hope will happen if you reach out now?',
      'Would it change what ended the relationship, or only how you feel for a moment?',
      'Are you trying to make them love you more? Having to is a sign that something was wrong.',
      'Is this for your recovery, or to win them back?',
    ]);
    for (const question of DEFAULT_INCOMING_QUESTIONS) expect(DEFAULT_QUESTIONS).not.toContain(question);
  });

  it('is valid settings', () => {
    expect(Settings.parse(defaultSettings())).toEqual(defaultSettings());
  });
});
