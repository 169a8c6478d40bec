package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.core.template.TemplateException;
import java.util.Map;
import java.util.Optional;

/**
 * What a qualifying service's labels say, read once per version of the service: its name, quota and
 * failover, or the problem that stops it from being routed.
 *
 * <p>{@code nameProblem} is a problem found before the name could be worked out (a template, an
 * invalid name); {@code labelProblem} one found after it (quota, failover), which leaves the name
 * known. Only a service with neither claims its name ({@link #claims()}): when several do, the
 * first by namespace/name wins, and a later one with the same name gets {@link
 * ServiceProblem.Reason#DuplicateName} whatever its other labels say.
 */
record ServiceLabels(
    ServiceRef service,
    DnsName fqdn,
    DnsName domain,
    Quota quota,
    Optional<Failover> failover,
    ServiceProblem nameProblem,
    ServiceProblem labelProblem) {

  boolean claims() {
    return fqdn != null && nameProblem == null && labelProblem == null;
  }

  static ServiceLabels parse(ServiceInfo service, RouteSettings settings) {
    ServiceRef ref = service.ref();
    LabelKeys keys = settings.labels();
    Map<String, String> labels = service.labels();
    String domainText;
    String nameText;
    try {
      domainText = render(labels.get(keys.domain()), settings);
      nameText = render(labels.get(keys.name()), settings);
    } catch (TemplateException e) {
      return nameProblem(
          ref, problem(ref, ServiceProblem.Reason.InvalidTemplate, e.getMessage(), null));
    }
    DnsName domain;
    DnsName fqdn;
    try {
      domain = DnsName.of(domainText);
      fqdn = DnsName.of(nameText + "." + domainText);
    } catch (IllegalArgumentException e) {
      return nameProblem(
          ref,
          problem(
              ref,
              ServiceProblem.Reason.InvalidDnsName,
              "labels %s='%s' and %s='%s' do not form a valid DNS name: %s"
                  .formatted(keys.name(), nameText, keys.domain(), domainText, e.getMessage()),
              null));
    }
    Quota quota = Quota.NONE;
    String quotaLabel = labels.get(keys.quota());
    if (quotaLabel != null) {
      try {
        quota = Quota.parse(quotaLabel);
      } catch (IllegalArgumentException e) {
        return labelProblem(
            ref,
            fqdn,
            domain,
            problem(
                ref,
                ServiceProblem.Reason.InvalidQuota,
                "label %s: %s".formatted(keys.quota(), e.getMessage()),
                fqdn));
      }
    }
    Optional<Failover> failover = Optional.empty();
    String failoverLabel = labels.get(keys.failover());
    if (failoverLabel != null && !failoverLabel.isBlank()) {
      try {
        failover = Optional.of(Failover.parse(render(failoverLabel, settings)));
      } catch (TemplateException e) {
        return labelProblem(
            ref,
            fqdn,
            domain,
            problem(ref, ServiceProblem.Reason.InvalidTemplate, e.getMessage(), fqdn));
      } catch (IllegalArgumentException e) {
        return labelProblem(
            ref,
            fqdn,
            domain,
            problem(
                ref,
                ServiceProblem.Reason.InvalidFailover,
                "label %s: %s".formatted(keys.failover(), e.getMessage()),
                fqdn));
      }
    }
    return new ServiceLabels(ref, fqdn, domain, quota, failover, null, null);
  }

  /** The problem of a later service that claims the name {@code winner} already claimed. */
  ServiceProblem duplicateOf(ServiceRef winner) {
    return problem(
        service,
        ServiceProblem.Reason.DuplicateName,
        "name %s is already claimed by service %s (the first by namespace/name wins)"
            .formatted(fqdn, winner),
        null);
  }

  /** The problem of a route outside {@code [kuberoute] domains}. */
  static ServiceProblem notManaged(Route route, Object filter) {
    return new ServiceProblem(
        route.service(),
        ServiceProblem.Reason.DomainNotManaged,
        "name %s is outside the managed domains (%s); not published"
            .formatted(route.fqdn(), filter),
        Optional.empty());
  }

  private static ServiceLabels nameProblem(ServiceRef ref, ServiceProblem p) {
    return new ServiceLabels(ref, null, null, Quota.NONE, Optional.empty(), p, null);
  }

  private static ServiceLabels labelProblem(
      ServiceRef ref, DnsName fqdn, DnsName domain, ServiceProblem p) {
    return new ServiceLabels(ref, fqdn, domain, Quota.NONE, Optional.empty(), null, p);
  }

  private static String render(String labelValue, RouteSettings settings) {
    if (!Template.isTemplate(labelValue)) {
      return labelValue;
    }
    return Template.compile(labelValue).render(settings.replacements());
  }

  private static ServiceProblem problem(
      ServiceRef service, ServiceProblem.Reason reason, String message, DnsName fqdn) {
    return new ServiceProblem(service, reason, message, Optional.ofNullable(fqdn));
  }
}
