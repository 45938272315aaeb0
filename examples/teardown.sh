#!/usr/bin/env bash
# Deletes the example stack and everything it created:
#   1. ends every session its EMR Serverless application still has (TerminateSession),
#   2. stops the application (EMR Serverless deletes an application only when it is CREATED or STOPPED),
#   3. sam delete: the stack with its nested function stack, and the artifacts sam deploy uploaded for it.
#
#   examples/teardown.sh [stack-name]          stack-name defaults to emr-session-starter-example
#
# Needs the AWS CLI (a version with the emr-serverless session commands) and the SAM CLI, with the credentials and
# region the stack was deployed with (AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION as usual).
set -euo pipefail

stack="${1:-emr-session-starter-example}"
live_states=(SUBMITTED STARTING STARTED IDLE BUSY)

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

# wait_until <what> <command...>: runs the command every 10 s until it succeeds; gives up after 15 minutes.
wait_until() {
  local what=$1
  shift
  for _ in $(seq 90); do
    if "$@"; then
      return 0
    fi
    sleep 10
  done
  echo "teardown: gave up waiting for $what; run this again once it has happened" >&2
  return 1
}

sessions_in() {
  aws emr-serverless list-sessions --application-id "$app" --states "$@" \
    --query 'sessions[].sessionId' --output text
}
no_session_left() {
  [ -z "$(sessions_in "${live_states[@]}" TERMINATING)" ]
}
application_state() {
  aws emr-serverless get-application --application-id "$app" --query application.state --output text
}
application_settled() {
  case "$(application_state)" in
    CREATING | STARTING | STOPPING) return 1 ;;
    *) return 0 ;;
  esac
}
application_stopped() {
  case "$(application_state)" in
    CREATED | STOPPED | TERMINATED) return 0 ;;
    *) return 1 ;;
  esac
}

if ! aws cloudformation describe-stacks --stack-name "$stack" >/dev/null; then
  echo "teardown: no stack $stack here (check the name, AWS_PROFILE and the region)" >&2
  exit 1
fi

app="$(output ApplicationId)"
if [ -n "$app" ] && [ "$app" != "None" ]; then
  for session in $(sessions_in "${live_states[@]}"); do
    echo "teardown: terminating session $session"
    aws emr-serverless terminate-session --application-id "$app" --session-id "$session" >/dev/null
  done
  wait_until "the sessions of application $app to end" no_session_left

  wait_until "application $app to finish starting or stopping" application_settled
  if [ "$(application_state)" = "STARTED" ]; then
    echo "teardown: stopping application $app"
    aws emr-serverless stop-application --application-id "$app" >/dev/null
  fi
  wait_until "application $app to stop" application_stopped
fi

sam delete --stack-name "$stack" --no-prompts
