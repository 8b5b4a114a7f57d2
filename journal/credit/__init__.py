"""Credit: what a cohort requires of each intern for credit (hours, entries by kind, competencies
signed off) and each intern's figures against it. Used by coordinators' pages (setting the
requirements), the competency checklist, the supervisors' dashboard and portfolios."""
