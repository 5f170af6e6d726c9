/*
 * peer.h -- whose is the other end of a connection on this machine.
 */
#ifndef MIDBACK_SYS_PEER_H
#define MIDBACK_SYS_PEER_H

#include <sys/socket.h>
#include <sys/types.h>

/*
 * The user that owns the socket at the other end of a loopback TCP
 * connection from peer (its address and port, as accept() gives it) to
 * our port, asked of the kernel through sock_diag (NETLINK_SOCK_DIAG,
 * which any user may ask about sockets in their network namespace).
 * Returns 0 with *uid set, or -1 when the kernel cannot tell (not a
 * loopback address, no such socket, sock_diag not there).
 */
int	peer_uid(const struct sockaddr *peer, socklen_t len, int port,
	    uid_t *uid);

#endif
