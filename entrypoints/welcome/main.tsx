import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { Welcome } from '@/components/Welcome';
import '@/components/pages.css';

localizeDocument(t('title_welcome'));
render(<Welcome />, document.getElementById('app')!);
