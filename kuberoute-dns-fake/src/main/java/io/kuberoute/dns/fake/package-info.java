/** The printing DNS backend ({@code dns_backend = fakedns}). */
package io.kuberoute.dns.fake;
