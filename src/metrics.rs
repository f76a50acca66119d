//! The server's metrics, served at `GET /metrics`: requests by route and status, their latency
//! by route, claim changes by action, and two gauges read when scraped (claims past a deadline,
//! the notification outbox's backlog).
//!
//! Labels are route templates (`/api/v1/claims/{id}`), methods, statuses and action names: a
//! bounded set, and never anything a person typed. Each `Services` owns its own `Metrics`, so
//! the servers of parallel tests do not count each other's requests.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The media type of the exposition: OpenMetrics text, which Prometheus scrapes natively.
pub const METRICS_CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The route label of a request no route matched, or that was answered before routing (an
/// idempotent replay, a body refused for its size).
pub const ROUTE_UNMATCHED: &str = "unmatched";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ActionLabels {
    action: String,
}

/// 5 ms to about 10 s, doubling: a page read sits in the first buckets, a batch export or a
/// decision's PDF further up, and anything past 10 s is a problem whatever its exact figure.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 12))
}

/// What `/metrics` reads from the database at scrape time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Readings {
    /// Claims past an evidence, decision or payment deadline today.
    pub overdue_claims: u64,
    /// Notifications recorded but not yet delivered.
    pub outbox_backlog: u64,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    changes: Family<ActionLabels, Counter>,
    overdue_claims: Gauge,
    outbox_backlog: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let changes = Family::<ActionLabels, Counter>::default();
        let overdue_claims = Gauge::default();
        let outbox_backlog = Gauge::default();
        let mut registry = Registry::with_prefix("redress");
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template",
            latency.clone(),
        );
        registry.register(
            "claim_changes",
            "Claim changes committed (transitions and operations), by action",
            changes.clone(),
        );
        registry.register(
            "claims_overdue",
            "Claims past an evidence, decision or payment deadline today",
            overdue_claims.clone(),
        );
        registry.register(
            "outbox_backlog",
            "Notifications recorded and not yet delivered",
            outbox_backlog.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            changes,
            overdue_claims,
            outbox_backlog,
        }
    }

    /// Counts one answered request and its latency.
    pub fn record_request(&self, method: &str, route: &str, status: u16, elapsed_seconds: f64) {
        let labels = RequestLabels {
            method: method.to_owned(),
            route: route.to_owned(),
            status,
        };
        self.requests.get_or_create(&labels).inc();
        let labels = RouteLabels {
            method: labels.method,
            route: labels.route,
        };
        self.latency.get_or_create(&labels).observe(elapsed_seconds);
    }

    /// Counts one committed change of a claim; called only after its transaction committed.
    pub fn record_change(&self, action: &str) {
        let labels = ActionLabels {
            action: action.to_owned(),
        };
        self.changes.get_or_create(&labels).inc();
    }

    /// The exposition in OpenMetrics text, with the gauges set to `readings`.
    pub fn render(&self, readings: Readings) -> Result<String, std::fmt::Error> {
        self.overdue_claims
            .set(i64::try_from(readings.overdue_claims).unwrap_or(i64::MAX));
        self.outbox_backlog
            .set(i64::try_from(readings.outbox_backlog).unwrap_or(i64::MAX));
        let mut text = String::new();
        encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_template_and_status() {
        let metrics = Metrics::new();
        metrics.record_request("GET", "/api/v1/claims/{id}", 200, 0.003);
        metrics.record_request("GET", "/api/v1/claims/{id}", 200, 0.004);
        let text = metrics.render(Readings::default()).unwrap();
        assert!(text.contains(
            "redress_http_requests_total{method=\"GET\",route=\"/api/v1/claims/{id}\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "redress_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/claims/{id}\"} 2"
        ));
    }

    #[test]
    fn changes_are_counted_by_action_and_gauges_show_the_readings() {
        let metrics = Metrics::new();
        metrics.record_change("submit");
        let readings = Readings {
            overdue_claims: 3,
            outbox_backlog: 7,
        };
        let text = metrics.render(readings).unwrap();
        assert!(text.contains("redress_claim_changes_total{action=\"submit\"} 1"));
        assert!(text.contains("redress_claims_overdue 3"));
        assert!(text.contains("redress_outbox_backlog 7"));
        assert!(text.ends_with("# EOF\n"));
    }
}
