/** What the attempt page reads, in one import. */
export { attemptResult, testGate } from '../features/school/store.ts';
export { certificateOf as certificateOfLearner } from '../features/school/certificates.ts';
