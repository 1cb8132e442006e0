package dev.atom.connectors.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain sockets that connect to the address the SSRF guard checked, whatever name Jakarta Mail asks for: its
 * own lookup would be a second DNS answer (rebinding). The name stays on the address, so TLS (wrapped around
 * this socket by Jakarta Mail) still sends it as SNI and checks the certificate against it. Thread-safe.
 */
final class PinnedSocketFactory extends SocketFactory {
    private final String host;
    private final InetAddress pinned;

    PinnedSocketFactory(String host, InetAddress pinned) {
        this.host = host;
        this.pinned = pinned;
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket();
    }

    @Override
    public Socket createSocket(String h, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(pinned, port));
        return s;
    }

    @Override
    public Socket createSocket(String h, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(h, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(host, port);
    }

    private final class PinnedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            int port = ((InetSocketAddress) endpoint).getPort();
            InetAddress named = InetAddress.getByAddress(host, pinned.getAddress());
            super.connect(new InetSocketAddress(named, port), timeout);
        }
    }
}
