import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { Options } from '@/components/Options';
import { SyncSettings } from '@/components/SyncSettings';
import '@/components/pages.css';

localizeDocument(t('title_options'));
// SyncSettings is shown below the options until it has its place in components/Options.tsx.
render(
  <>
    <Options />
    <div class="options">
      <SyncSettings />
    </div>
  </>,
  document.getElementById('app')!,
);
