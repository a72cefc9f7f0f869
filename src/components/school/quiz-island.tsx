/** @jsxImportSource react */
/**
 * The quiz island's entry: hydrates the test form the server rendered (`QuizForm`) with the props
 * the page wrote as a JSON data block. A script of its own rather than an Astro `client:`
 * directive, because those add inline scripts and styles that the site's CSP (no inline script)
 * would block; this one is an external module, so the policy stays as strict as on every page.
 */
import { hydrateRoot } from 'react-dom/client';
import QuizForm, { type QuizProps } from './QuizForm.tsx';

const root = document.getElementById('quiz-root');
const data = document.getElementById('quiz-props')?.textContent;
if (root && data) hydrateRoot(root, <QuizForm {...(JSON.parse(data) as QuizProps)} />);
