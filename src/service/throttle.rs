//! Slows down password guessing: sign-in attempts are limited per username and per address.
//!
//! The limits are per server instance (kept in memory); several instances each apply them.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Sign-in attempts allowed per minute for one username, and for one address.
const ATTEMPTS_PER_MINUTE_PER_USERNAME: u32 = 5;
const ATTEMPTS_PER_MINUTE_PER_ADDRESS: u32 = 20;

#[derive(Clone)]
pub struct LoginThrottle {
    usernames: Arc<DefaultKeyedRateLimiter<String>>,
    addresses: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl LoginThrottle {
    pub fn new() -> Self {
        let per_minute =
            |attempts: u32| Quota::per_minute(NonZeroU32::new(attempts).unwrap_or(NonZeroU32::MIN));
        LoginThrottle {
            usernames: Arc::new(RateLimiter::keyed(per_minute(
                ATTEMPTS_PER_MINUTE_PER_USERNAME,
            ))),
            addresses: Arc::new(RateLimiter::keyed(per_minute(
                ATTEMPTS_PER_MINUTE_PER_ADDRESS,
            ))),
        }
    }

    /// Whether another attempt is allowed now; counts the attempt either way.
    pub fn allow(&self, username: &str, address: Option<IpAddr>) -> bool {
        let username_allowed = self.usernames.check_key(&username.to_owned()).is_ok();
        let address_allowed =
            address.is_none_or(|address| self.addresses.check_key(&address).is_ok());
        username_allowed && address_allowed
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_attempts_on_one_username_is_stopped() {
        let throttle = LoginThrottle::new();
        let allowed = (0..10).filter(|_| throttle.allow("clerk", None)).count();
        assert_eq!(allowed, ATTEMPTS_PER_MINUTE_PER_USERNAME as usize);
        assert!(throttle.allow("another", None));
    }
}
