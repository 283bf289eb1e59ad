import { render } from 'preact';
import { PauseScreen } from '@/components/screen/PauseScreen';
import { SendCheck, type SendCheckStatus } from '@/components/screen/SendCheck';
import { localizeDocument, t } from '@/utils/model/i18n';
import { loadSettings } from '@/utils/store/storage';
import '@/components/screen/PauseScreen.css';
import '@/components/screen/SendCheck.css';

// The pause screen as it will look, with the user's own questions: opened from options.
// `?screen=send-check` shows the question asked on the first send after Continue instead
// (`&status=failed` as it is after a failed save): the same components and stylesheets as on a
// site, where the closed shadow roots keep accessibility checkers out.
localizeDocument(t('title_preview'));
void loadSettings().then(({ value: settings }) => {
  const close = () => window.close();
  const params = new URLSearchParams(location.search);
  const alias = settings.people[0]?.alias ?? t('preview_alias');
  render(
    params.get('screen') === 'send-check' ? (
      <SendCheck alias={alias} status={(params.get('status') as SendCheckStatus | null) ?? 'asking'} onKeep={close} onSend={close} />
    ) : (
      <PauseScreen
        alias={alias}
        kind="profile"
        questions={settings.questions}
        reminder={settings.reminders[0] ?? ''}
        countdownSeconds={settings.countdownSeconds}
        typedPhrase={settings.typedPhrase}
        supportPerson={settings.supportPerson}
        onLeave={close}
        onContinue={close}
      />
    ),
    document.getElementById('app')!,
  );
});
