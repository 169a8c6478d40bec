package io.kuberoute.testkit.s3;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock in-process, one per test class, with one bucket and an SDK client of the test's own
 * ({@link #reader()}) to read back what the code under test wrote:
 *
 * <pre>
 * &#64;RegisterExtension static final S3Server S3 = S3Server.withBucket("kuberoute-state");
 * </pre>
 *
 * Before the first test it sends S3Mock its first requests through the reader: S3Mock (Spring)
 * initialises lazily, and on a busy machine its first request can outlast a short timeout of the
 * code under test, so the tests time only the code's own requests.
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {

  private final String bucket;
  private final S3MockExtension mock;
  private S3Client reader;

  private S3Server(String bucket) {
    this.bucket = bucket;
    this.mock = S3MockExtension.builder().silent().withInitialBuckets(bucket).build();
  }

  /** S3Mock with {@code bucket} created (and nothing else). */
  public static S3Server withBucket(String bucket) {
    return new S3Server(bucket);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    mock.beforeAll(context);
    reader = client(httpPort());
    warmUp();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (reader != null) {
        reader.close();
      }
    } finally {
      mock.afterAll(context);
    }
  }

  /** The plain-http port S3Mock listens on at 127.0.0.1. */
  public int httpPort() {
    return mock.getHttpPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + httpPort();
  }

  /** The bucket S3Mock was started with. */
  public String bucket() {
    return bucket;
  }

  /** The test's own client (path-style, static credentials), closed after the class. */
  public S3Client reader() {
    return reader;
  }

  /** A client for an S3 endpoint at {@code http://127.0.0.1:<httpPort>}; the caller closes it. */
  public static S3Client client(int httpPort) {
    return S3Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + httpPort))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("reader", "reader")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void warmUp() {
    reader.putObject(b -> b.bucket(bucket).key("warm-up"), RequestBody.fromString("{}"));
    reader.getObjectAsBytes(b -> b.bucket(bucket).key("warm-up"));
    reader.deleteObject(b -> b.bucket(bucket).key("warm-up"));
  }
}
