/** The comments API's answers, as this view reads them. */
export interface CommentLabels {
  force: string | null;
  polarity: 'fulfilled' | 'tension' | null;
  sentiment: 'positive' | 'negative' | 'mixed' | 'neutral' | null;
  emotions: string[];
  topics: string[];
  corrected: string[];
}

export interface ListedComment {
  commentId: string;
  text: string;
  source: string;
  at: string;
  rating: number | null;
  language: string | null;
  accountId: string | null;
  responseId: string | null;
  labels: CommentLabels;
  analysis: {
    sentimentScore: number;
    confidence: number;
    modelVersion: string;
    sentences: unknown[];
    spans: unknown[];
    emotions: unknown[];
  } | null;
}

export interface CommentPage {
  comments: ListedComment[];
  nextCursor: string | null;
}

/** Roles that may correct labels (comments:label) and open cases from feedback. */
export const LABELLERS = ['owner', 'admin', 'analyst', 'manager'];
