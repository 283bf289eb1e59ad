import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { Journal } from '@/components/Journal';
import '@/components/pages.css';

localizeDocument(t('title_journal'));
render(<Journal />, document.getElementById('app')!);
