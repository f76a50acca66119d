//! Bearer-token authentication: the actor and their roles come from the token, never the body.

use poem::Request;
use poem_openapi::SecurityScheme;
use poem_openapi::auth::Bearer;

use super::problem::ApiError;
use crate::domain::Actor;
use crate::service::Services;

/// The authenticated caller, with the token they presented (for logout).
pub struct Caller {
    pub actor: Actor,
    pub token: String,
}

/// A bearer token from `POST /api/v1/auth/login`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "authenticate")]
pub struct BearerAuth(pub Caller);

async fn authenticate(request: &Request, bearer: Bearer) -> poem::Result<Caller> {
    let services = request.data::<Services>().ok_or_else(|| {
        tracing::error!("services are not attached to the request");
        poem::Error::from(ApiError::unavailable())
    })?;
    let actor = services
        .authenticate(&bearer.token)
        .await
        .map_err(ApiError::from)?;
    Ok(Caller {
        actor,
        token: bearer.token,
    })
}
