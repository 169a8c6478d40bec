/** S3Mock in-process for the state report's tests, with a bucket and a client of the test's own. */
package io.kuberoute.testkit.s3;
