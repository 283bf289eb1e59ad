import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { Dashboard } from '@/components/record/Dashboard';
import '@/components/page/pages.css';

localizeDocument(t('ext_name'));
render(<Dashboard />, document.getElementById('app')!);
