import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { History } from '@/components/History';
import '@/components/pages.css';

localizeDocument(t('title_history'));
render(<History />, document.getElementById('app')!);
