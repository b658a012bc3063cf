// Being written: the client keyword table.
import type { KeywordSpec } from './keyword-types';

export const CLIENT_KEYWORDS: readonly KeywordSpec[] = [];
