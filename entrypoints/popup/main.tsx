import { render } from 'preact';
import { Dashboard } from '@/components/Dashboard';
import '@/components/pages.css';

render(<Dashboard />, document.getElementById('app')!);
