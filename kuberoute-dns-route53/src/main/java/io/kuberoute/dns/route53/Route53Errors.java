package io.kuberoute.dns.route53;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How Route53's errors read in kuberoute's messages: {@code Code: message (HTTP status)}, without
 * request ids, and for a client-side failure the SDK's message with its root cause. Never the
 * credentials: the SDK puts none in its messages. Pure.
 */
final class Route53Errors {

  private Route53Errors() {}

  /** Route53's error code ({@code NoSuchHostedZone}, {@code Throttling}, ...), or "". */
  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  /** {@code Code: message (HTTP status)} of a Route53 error. */
  static String describe(AwsServiceException e) {
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getMessage();
    String code = code(e);
    return (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + e.statusCode() + ")";
  }

  /** Whether Route53 refused a request for its content (the caller may split the request). */
  static boolean refusedContent(AwsServiceException e) {
    String code = code(e);
    return code.equals("InvalidChangeBatch") || code.equals("InvalidInput");
  }

  static boolean noSuchZone(AwsServiceException e) {
    return code(e).equals("NoSuchHostedZone");
  }

  static boolean denied(AwsServiceException e) {
    return e.statusCode() == 403;
  }

  /**
   * The SDK's message of a failure before any answer (connection, timeout), with its root cause.
   */
  static String clientMessage(SdkException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootText =
        root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    return e.getMessage() + rootText;
  }

  /** "Route53 is unreachable: ...": the message of every client-side failure. */
  static String unreachable(SdkException e) {
    return "Route53 is unreachable: " + clientMessage(e);
  }
}
