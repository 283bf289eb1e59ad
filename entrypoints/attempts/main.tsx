import { render } from 'preact';
import { History } from '@/components/History';
import '@/components/pages.css';

render(<History />, document.getElementById('app')!);
