import { attemptsOf, expect, journalOf, seedSettings, storageOf, test } from './support/extension';
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { axNodes, clickNode, focusNode, pauseButton, pauseText, expectPaused } from './support/pause';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test.describe('the pause screen', () => {
  test('Leave and Continue are in sight without scrolling, on a short laptop window, a wide one and a phone', async ({ context, background, serve }) => {
    await seedSettings(background, [sam], { supportPerson: { name: 'Alex', link: 'https://example.org/alex' } });
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    for (const [width, height] of [[800, 600], [1280, 720], [390, 844], [640, 480]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('https://www.instagram.com/sam.lee/');
      await expectPaused(page);
      for (const name of ['Leave', 'Continue anyway'] as const) {
        const node = await pauseButton(page, name);
        const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node!.backendNodeId })) as { model: { border: number[] } };
        const [left, top, , , right, bottom] = [model.border[0]!, model.border[1]!, 0, 0, model.border[4]!, model.border[5]!];
        expect({ name, width, height, inside: top >= 0 && left >= 0 && bottom <= height && right <= width }).toEqual({ name, width, height, inside: true });
      }
    }
  });

  test('what is written there stays in the journal, with the feeling, and is never sent', async ({ context, background, serve, strayRequests }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    const nodes = await axNodes(page);
    await clickNode(page, nodes.find((n) => n.role === 'radio' && n.name === 'Missing them')!);
    await focusNode(page, nodes.find((n) => n.role === 'textbox' && n.name.startsWith('Write it here instead'))!);
    await page.keyboard.type('I still think about the lake trip.');
    await clickNode(page, (await pauseButton(page, 'Leave'))!);

    await expect.poll(async () => (await attemptsOf(background))[0]?.outcome).toBe('left');
    expect((await attemptsOf(background))[0]).toMatchObject({ feeling: 'missing-them', journalWritten: true });
    expect(await journalOf(background)).toEqual([expect.objectContaining({ text: 'I still think about the lake trip.', personId: 'p-sam' })]);
    expect(strayRequests).toEqual([]);
  });

  test('Continue needs the phrase typed exactly, when the user chose one', async ({ context, background, serve }) => {
    await seedSettings(background, [sam], { countdownSeconds: 3, typedPhrase: 'I choose this' });
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    // The countdown's own time (3 s here) runs out first: only then does Continue stay shut by the phrase.
    await page.waitForTimeout(3_500);
    expect((await pauseButton(page, 'Continue anyway'))?.disabled).toBe(true);
    expect(await pauseText(page)).toContain('Type the phrase to continue.');
    const phrase = (await axNodes(page)).find((n) => n.role === 'textbox' && n.name.startsWith('To continue, type'))!;
    await focusNode(page, phrase);
    await page.keyboard.type('i choose this');
    expect((await pauseButton(page, 'Continue anyway'))?.disabled).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('I choose this');
    await expect.poll(async () => (await pauseButton(page, 'Continue anyway'))?.disabled).toBe(false);
  });

  test('each further attempt the same day waits longer', async ({ context, background, serve }) => {
    await seedSettings(background, [sam], { countdownSeconds: 4, escalationSeconds: 6 });
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(() => pauseText(page)).toMatch(/Continue is available in [34] seconds/);
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expect.poll(async () => (await attemptsOf(background))[0]?.outcome).toBe('left');
    await expect(page).not.toHaveURL(/sam\.lee/); // Leave went back (here: to the tab's blank first page)

    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(() => pauseText(page)).toMatch(/Continue is available in (9|10) seconds/);
  });

  test('one decision is one entry: a reload while the screen is up is the same attempt', async ({ context, background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).length).toBe(1);
    await page.reload();
    await expectPaused(page);
    // The screen says which time today this is once the background has answered its start,
    // which it does after writing it: then the log holds whatever the reload made of it.
    await expect.poll(() => pauseText(page)).toMatch(/time today/);
    expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['pending']);
  });
});

test('questions edited in options are shown, and the article’s can be restored, each set for its moment', async ({ context, background, serve, extensionId }) => {
  await seedSettings(background, [sam]);
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const questions = options.getByLabel('Questions when you reach for them, one a line');
  await questions.fill('Would I tell a friend to send this?');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.locator('main > p.status')).toHaveText('Pause settings saved.');

  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);
  expect(await pauseText(page)).toContain('Would I tell a friend to send this?');
  await page.close();

  await options.getByRole('button', { name: 'Restore the article’s questions and reminders' }).click();
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  // From the messages (the browser here is in English): the article's reasons for the user's own
  // urge on the pause screen, its questions for when they reach out kept apart. The status line
  // already said "saved" after the first save: the stored questions say when this one is.
  const words = (prefix: string) => Object.entries(english).filter(([key]) => key.startsWith(prefix)).map(([, entry]) => entry.message);
  const urge = words('default_urge_question_');
  const incoming = words('default_question_');
  expect([urge.length, incoming.length]).toEqual([4, 5]);
  await expect
    .poll(async () => ((await storageOf(background)) as { settings: { questions: string[]; incomingQuestions: string[] } }).settings)
    .toMatchObject({ questions: urge, incomingQuestions: incoming });
  await expect(options.getByLabel('Questions for when they reach out to you, one a line')).toHaveValue(incoming.join('\n'));
  const again = await context.newPage();
  await again.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(again);
  const text = await pauseText(again);
  expect(text).toContain(urge[0]);
  // Their questions are for when they make contact, not for this moment.
  expect(text).not.toContain(incoming[0]);
});
