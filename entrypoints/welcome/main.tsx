import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { Welcome } from '@/components/options/Welcome';
import '@/components/page/pages.css';

localizeDocument(t('title_welcome'));
render(<Welcome />, document.getElementById('app')!);
