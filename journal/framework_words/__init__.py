"""The default competency framework's words, in every language, and the helpers that show any framework's words
in the reader's language. Data and display only: competencies, cohorts, credit, notifications and portfolios
all read it, and it reads none of them."""
