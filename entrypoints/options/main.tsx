import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { Options } from '@/components/Options';
import '@/components/pages.css';

localizeDocument(t('title_options'));
render(<Options />, document.getElementById('app')!);
