/** Input the engine refuses (duplicate or unknown ids, invalid numbers, bad weights). */
export class MatchingInputError extends Error {
  override name = 'MatchingInputError';
}
