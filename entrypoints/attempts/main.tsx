import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { History } from '@/components/record/History';
import '@/components/page/pages.css';

localizeDocument(t('title_history'));
render(<History />, document.getElementById('app')!);
