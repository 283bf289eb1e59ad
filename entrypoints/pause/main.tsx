import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { StopPage, stopRefOf } from '@/components/screen/StopPage';
import '@/components/screen/PauseScreen.css';
import '@/components/page/pages.css';

// Where a full load of a watched person's address lands instead of the site (utils/background/stop-rules.ts).
localizeDocument(t('title_stop'));
render(<StopPage stop={stopRefOf(location)} />, document.getElementById('app')!);
