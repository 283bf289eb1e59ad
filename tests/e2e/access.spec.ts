import { expect, test } from './support/extension';

// Issue 23, 8: the browser runs the extension in no private window unless the user allows it (the
// default, as in this browser): the popup and options say so, with how to change it.
test('the popup and options say that Clean Break does not run in private windows, and how to allow it', async ({ context, extensionId }) => {
  for (const page of ['popup.html', 'options.html']) {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/${page}`);
    const notice = tab.getByTestId('access');
    await expect(notice, page).toContainText('Clean Break does not run in private windows, so nobody is paused there.');
    await expect(notice, page).toContainText('Allow in Incognito');
    // Every built-in site is readable here: no site is named as limited.
    await expect(notice, page).not.toContainText('cannot see');
    await tab.close();
  }
});
