import { render } from 'preact';
import { localizeDocument, t } from '@/utils/model/i18n';
import { Options } from '@/components/options/Options';
import '@/components/page/pages.css';

localizeDocument(t('title_options'));
render(<Options />, document.getElementById('app')!);
