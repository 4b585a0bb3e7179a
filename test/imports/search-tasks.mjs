// Ten natural-language tasks per spec, as an agent would phrase them, each
// with the operationIds that do the job. `npm run test:imports` counts a task
// as found when one of them is among searchApis' first SEARCH_TOP hits; the
// issue's criterion is at least SEARCH_PASS of the ten.

/** How many hits count. */
export const SEARCH_TOP = 5;
/** Tasks out of ten that must be found. */
export const SEARCH_PASS = 9;

/** @type {Record<string, [query: string, operationIds: string[]][]>} */
export const SEARCH_TASKS = {
  GitHub: [
    ["add labels to an issue", ["issues/add-labels"]],
    ["comment on an issue", ["issues/create-comment"]],
    ["open a new issue in a repository", ["issues/create"]],
    ["merge a pull request", ["pulls/merge"]],
    ["request reviewers for a pull request", ["pulls/request-reviewers"]],
    ["get a repository", ["repos/get"]],
    ["create a release", ["repos/create-release"]],
    ["list commits of a repository", ["repos/list-commits"]],
    ["search code", ["search/code"]],
    ["trigger a workflow run", ["actions/create-workflow-dispatch"]],
  ],
  Jira: [
    ["add a comment to an issue", ["addComment"]],
    ["create an issue", ["createIssue"]],
    ["get an issue", ["getIssue"]],
    ["search issues with JQL", ["searchForIssuesUsingJql", "searchForIssuesUsingJqlPost"]],
    ["transition an issue to done", ["doTransition"]],
    ["assign an issue to a user", ["assignIssue"]],
    ["log work on an issue", ["addWorklog"]],
    ["add a watcher to an issue", ["addWatcher"]],
    ["link two issues", ["linkIssues"]],
    ["get the current user", ["getCurrentUser"]],
  ],
  Slack: [
    ["post a message to a channel", ["chat_postMessage"]],
    ["update a message", ["chat_update"]],
    ["schedule a message", ["chat_scheduleMessage"]],
    ["add a reaction to a message", ["reactions_add"]],
    ["create a channel", ["conversations_create"]],
    ["invite users to a channel", ["conversations_invite"]],
    ["read the history of a channel", ["conversations_history"]],
    ["upload a file", ["files_upload"]],
    ["look up a user by email", ["users_lookupByEmail"]],
    ["set the topic of a channel", ["conversations_setTopic"]],
  ],
  Twilio: [
    ["send an sms", ["CreateMessage"]],
    ["make a phone call", ["CreateCall"]],
    ["list messages", ["ListMessage"]],
    ["fetch a call", ["FetchCall"]],
    ["buy a phone number", ["CreateIncomingPhoneNumber", "CreateIncomingPhoneNumberLocal", "CreateIncomingPhoneNumberMobile", "CreateIncomingPhoneNumberTollFree"]],
    ["find available local phone numbers", ["ListAvailablePhoneNumberLocal"]],
    ["get the account balance", ["FetchBalance"]],
    ["list call recordings", ["ListCallRecording", "ListRecording"]],
    ["create a conference participant", ["CreateParticipant"]],
    ["delete a message", ["DeleteMessage"]],
  ],
  Stripe: [
    ["refund a charge", ["PostRefunds", "PostChargesChargeRefund", "PostChargesChargeRefunds"]],
    ["create a customer", ["PostCustomers"]],
    ["list invoices", ["GetInvoices"]],
    ["cancel a subscription", ["DeleteSubscriptionsSubscriptionExposedId", "DeleteCustomersCustomerSubscriptionsSubscriptionExposedId"]],
    ["create a payment intent", ["PostPaymentIntents"]],
    ["capture a payment intent", ["PostPaymentIntentsIntentCapture"]],
    ["retrieve the balance", ["GetBalance"]],
    ["create a product", ["PostProducts"]],
    ["attach a payment method to a customer", ["PostPaymentMethodsPaymentMethodAttach"]],
    ["finalize a draft invoice", ["PostInvoicesInvoiceFinalize"]],
  ],
};
