import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { Journal } from '@/components/record/Journal';
import '@/components/page/pages.css';

localizeDocument(t('title_journal'));
render(<Journal />, document.getElementById('app')!);
