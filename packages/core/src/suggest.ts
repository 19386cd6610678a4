// "Did you mean" for mistyped node types and ids: the one definition lives in @remotemedia/errors.
export { didYouMean, suggest } from '@remotemedia/errors';
