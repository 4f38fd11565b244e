//! Flags of `serve`.

use std::net::SocketAddr;

use clap::Args;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 takes any free port. Another address
    /// than loopback needs --token.
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = socket_address)]
    pub addr: SocketAddr,
    /// Bearer token every request must carry (`Authorization: Bearer TOKEN`;
    /// a browser opens any page once with `?token=TOKEN`).
    #[arg(long, env = "DATELINE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// `127.0.0.1:8080`, `[::1]:8080`, or a name such as `localhost:8080`
/// (its first address).
fn socket_address(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let mut found = text.to_socket_addrs().map_err(|err| {
        format!("`{text}` is not an address and port such as 127.0.0.1:8080 ({err})")
    })?;
    found
        .next()
        .ok_or_else(|| format!("`{text}` names no address"))
}

#[cfg(test)]
mod tests {
    use crate::flags::{parse, Command};

    #[test]
    fn serve_listens_on_loopback_by_default_and_takes_a_token() {
        let Command::Serve(args) = parse(&["serve"]).unwrap().command else {
            panic!("serve")
        };
        assert_eq!(args.addr.to_string(), "127.0.0.1:8080");
        assert!(args.addr.ip().is_loopback());
        let Command::Serve(args) = parse(&["serve", "--addr", "0.0.0.0:9000", "--token", "s3cret"])
            .unwrap()
            .command
        else {
            panic!("serve")
        };
        assert_eq!(args.addr.port(), 9000);
        assert_eq!(args.token.as_deref(), Some("s3cret"));
        assert!(parse(&["serve", "--addr", "localhost"]).is_err());
        let Command::Serve(args) = parse(&["serve", "--addr", "localhost:8081"])
            .unwrap()
            .command
        else {
            panic!("serve")
        };
        assert!(args.addr.ip().is_loopback() && args.addr.port() == 8081);
    }
}
