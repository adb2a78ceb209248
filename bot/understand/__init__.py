"""What a question asks for (answer type, dates, names, terms): below retrieve/ and answer/,
which both read its `QuestionAnalysis`."""
