// Being written: the server keyword table.
import type { KeywordSpec } from './keyword-types';

export const SERVER_KEYWORDS: readonly KeywordSpec[] = [];
