import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { Dashboard } from '@/components/Dashboard';
import '@/components/pages.css';

localizeDocument(t('ext_name'));
render(<Dashboard />, document.getElementById('app')!);
