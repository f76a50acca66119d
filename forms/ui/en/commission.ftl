# Texts of the commission's pages (src/web/commission).

commission-nav-agenda = Agenda
commission-success = Success
commission-warning = Warning
commission-not-recorded = Not recorded
commission-withheld = Withheld: protected identity
commission-back-to-agenda = Back to the agenda

commission-agenda-title = Agenda
commission-agenda-intro = Claims before the commission, with the proposed award and where each vote stands.
commission-agenda-caption = Claims awaiting the commission's vote
commission-agenda-none = No claims are waiting for the commission.
commission-recused-banner = You recused yourself. The claim is no longer on your agenda.
commission-column-proposed-award = Proposed award
commission-column-decision-due = Decision due
commission-column-votes = Votes
commission-column-your-ballot = Your vote
commission-column-member = Member
commission-column-vote = Vote
commission-column-note = Note
commission-column-head = Head of loss
commission-column-claimed = Claimed
commission-column-allowed = Allowed
commission-column-rule = Rule applied

commission-ballot-heading = The vote
commission-ballot-votes-cast = Votes cast
commission-ballot-count = { $cast } of { $quorum } votes needed
commission-ballot-recusals = Recusals: { $count }
commission-ballot-outcome = Outcome if the vote closed now
commission-ballot-votes-caption = Votes in this round
commission-ballot-no-votes = No one has voted yet.
commission-ballot-voted = Voted
commission-ballot-recused = Recused
commission-ballot-open = Not voted
commission-outcome-award = Award of { $amount }
commission-outcome-rejected = Rejected
commission-outcome-no-quorum = No decision yet: not enough votes for the quorum
commission-outcome-tied = No decision: the votes are tied and no casting vote breaks the tie
commission-member-you = You
commission-member-chair = The chair
commission-member-number = Member no. { $number }

commission-choice-approve = Approve the proposed award
commission-choice-approve-amended = Approve a different amount
commission-choice-approve-amended-to = Approve, amended to { $amount }
commission-choice-reject = Reject the claim

commission-claim-title = Claim { $reference }
commission-identity-masked = The victim's identity is protected. You see initials only; the secretariat and the chair see the full identity.
commission-summary-heading = Summary
commission-field-offence = Offence
commission-field-crime-date = Date of the crime
commission-field-applicant = Applicant
commission-field-victim = Victim
commission-field-birth-date = Victim's date of birth
commission-field-address = Victim's address
commission-field-lodged-on = Lodged on
commission-field-decision-due = Decision due by
commission-field-proposed-award = Proposed award
commission-field-interim-awarded = Interim awards paid
commission-award-heading = The proposed award, line by line
commission-award-caption = How the award was calculated
commission-award-gross = Total allowed
commission-award-offsets = Payments from other sources deducted
commission-award-reduction = Reduction
commission-award-interim-deducted = Interim awards deducted
commission-award-total = Award proposed

commission-vote-legend = How do you vote?
commission-vote-amended-amount = Amount you approve, in euros
commission-vote-amended-amount-hint = Only if you approve a different amount. For example, 3000.00
commission-vote-note = Your reasons (optional)
commission-vote-note-hint = Kept with your vote. Where the rules publish dissents, the decision prints the reasons of members who vote to reject.
commission-vote-button = Cast your vote
commission-recuse-summary = I have a conflict of interest in this claim
commission-recuse-warning = If you recuse yourself you cannot vote on this claim, and it leaves your agenda. This cannot be undone.
commission-recuse-button = Recuse myself from this claim

commission-chair-heading = Close the vote
commission-chair-intro = When the vote has reached the quorum, close it and issue the decision it carries.
commission-chair-start = Close the vote and issue the decision
commission-decision-link = See the decision

commission-decide-title = Issue the decision on claim { $reference }
commission-preview-heading = The decision
commission-preview-intro = Read the decision as it will be issued before you issue it.
commission-preview-link = Open the preview of the decision (PDF, opens in a new tab)
commission-decide-warning = Once issued, a decision cannot be changed. A later outcome is a new decision.
commission-decide-legend = Confirm the decision
commission-decide-confirm = I have read the preview and want to close the vote and issue this decision
commission-decide-button = Issue the decision
commission-decide-cancel = Cancel and go back to the claim

commission-decision-title = Decision issued
commission-decision-number = Decision number
commission-decision-dated = Dated { $date }.
commission-decision-download = Download the decision (PDF)
commission-decision-next = The decision states how to appeal and the last day to do so.
commission-decision-back-to-claim = Back to the claim

commission-error-choice = Select how you vote
commission-error-amended-amount = Enter the amount you approve as a number above zero, such as 3000.00, no higher than the schedule's maximum
commission-error-note = Your reasons must be 2,000 characters or fewer, without control characters
commission-error-already-voted = You have already voted on this claim in this round
commission-error-recused = You have recused yourself from this claim and cannot vote on it
commission-error-vote-closed = The vote on this claim is closed
commission-error-recuse-after-vote = You have already voted, so you can no longer recuse yourself from this claim
commission-error-confirm = Confirm that you have read the preview and want to issue the decision
commission-error-no-quorum = The vote cannot close yet: not enough members have voted for the quorum
commission-error-no-majority = The vote cannot close: the votes are tied and no casting vote breaks the tie
