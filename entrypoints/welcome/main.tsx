import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import '@/components/pages.css';

render(<Welcome />, document.getElementById('app')!);
