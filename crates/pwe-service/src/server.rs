//! The listener: one task per connection, with the limits that keep slow and
//! hostile clients from holding the service (`axum::serve` has none of them).
//!
//! - headers must arrive within `header_timeout`, which hyper also starts
//!   when a kept-alive connection falls idle, so idle sockets are closed;
//! - a request must be answered within `request_timeout` (a body sent byte
//!   by byte included), and a body over `body_limit` is refused before it is
//!   read (both layers of the router, in `app`);
//! - at most `max_connections` are open; the next client waits in the
//!   kernel's accept queue;
//! - at most `max_connections_per_client` from one client (its address, an
//!   IPv6 one by its /64), so that one client cannot take them all; a
//!   connection over it is closed at once. Trusted proxies are not limited:
//!   every resident comes through them.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::{AppState, app};

/// Serves the app on `listener` until `shutdown` completes, then lets open
/// requests finish (for at most the request timeout).
///
/// # Errors
/// The listener fails for good.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    let router = app(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    let permits = Arc::new(Semaphore::new(config.max_connections));
    let per_client = PerClient::default();
    let (closing, closed) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(&listener, &permits) => accepted,
        };
        let (stream, peer, permit) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors and the like: wait, do not spin.
                tracing::warn!(%error, "accepting a connection");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        let held = if config.trusted_proxies.contains(&peer.ip()) {
            None
        } else {
            match per_client.take(peer.ip(), config.max_connections_per_client) {
                Some(held) => Some(held),
                // Closed at once, its permit freed for other clients.
                None => continue,
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let mut closed = closed.clone();
        connections.spawn(async move {
            let _permit = permit;
            let _held = held;
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
        while connections.try_join_next().is_some() {}
    }
    let _ = closing.send(true);
    let _ = tokio::time::timeout(config.request_timeout, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    Ok(())
}

/// Open connections per client, in memory only.
#[derive(Debug, Clone, Default)]
struct PerClient(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One connection of a client, given back when dropped.
struct Held {
    counts: PerClient,
    client: IpAddr,
}

impl PerClient {
    /// A connection of the client at `address`, unless it holds `max` already.
    fn take(&self, address: IpAddr, max: usize) -> Option<Held> {
        let client = crate::guard::counted(address);
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = counts.entry(client).or_default();
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Held {
            counts: self.clone(),
            client,
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut counts = self.counts.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

/// The next connection, once a permit for it is free.
async fn accept(
    listener: &TcpListener,
    permits: &Arc<Semaphore>,
) -> std::io::Result<(
    tokio::net::TcpStream,
    SocketAddr,
    tokio::sync::OwnedSemaphorePermit,
)> {
    let permit = Arc::clone(permits)
        .acquire_owned()
        .await
        .map_err(std::io::Error::other)?;
    let (stream, peer) = listener.accept().await?;
    Ok((stream, peer, permit))
}
