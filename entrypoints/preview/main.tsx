import { render } from 'preact';
import { PauseScreen } from '@/components/PauseScreen';
import { loadSettings } from '@/utils/storage';
import '@/components/PauseScreen.css';

// The pause screen as it will look, with the user's own questions: opened from options.
void loadSettings().then(({ value: settings }) => {
  const close = () => window.close();
  render(
    <PauseScreen
      alias={settings.people[0]?.alias ?? 'them'}
      kind="profile"
      questions={settings.questions}
      reminder={settings.reminders[0] ?? ''}
      countdownSeconds={settings.countdownSeconds}
      typedPhrase={settings.typedPhrase}
      supportPerson={settings.supportPerson}
      onLeave={close}
      onContinue={close}
    />,
    document.getElementById('app')!,
  );
});
