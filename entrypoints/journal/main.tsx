import { render } from 'preact';
import { Journal } from '@/components/Journal';
import '@/components/pages.css';

render(<Journal />, document.getElementById('app')!);
