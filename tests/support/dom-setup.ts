import { configure } from '@testing-library/preact';

/*
 * Testing Library's findBy* and waitFor give up after 1 s by default. The component tests
 * wait on a real hub over HTTP, and on a busy 2-core machine an answer can take longer:
 * there the run should be slower, not red. A hang still fails, at the test's own timeout.
 */
configure({ asyncUtilTimeout: 20_000 });
