import type { ApiCallError } from '../api/api-call-error';

/** A heading for a refusal or failure; the services' message below it says what to do next. */
export function problemTitle(error: ApiCallError): string {
  const details = error.details ?? {};
  const problem = details['problem'];
  if (problem === 'locked') return 'This station is already open elsewhere';
  if (problem === 'newer-schema') return 'This station needs a newer Field Station';
  if (problem === 'corrupt') return "This station's database looks damaged";
  switch (error.code) {
    case 'offline':
      return 'Field Station is not answering';
    case 'unauthorized':
      return 'This page is not signed in';
    case 'validation':
      return 'Please check what you entered';
    case 'not-found':
      return 'Not found';
    case 'forbidden':
      return 'Not allowed';
    case 'conflict':
      return 'That cannot be done right now';
    case 'internal':
      return 'Something went wrong';
  }
}
