/*
 * peer.c -- the owner of a loopback connection's other end, from the
 * kernel's socket table (sock_diag). See peer.h.
 *
 * A Unix socket would give the peer's credentials with SO_PEERCRED, but
 * a browser speaks TCP. On loopback both ends are sockets of this
 * machine, and the kernel keeps the owner of each: the client's socket
 * is the one whose source is the peer's address and port and whose
 * destination is ours. Written here for want of a library that does it
 * (libmnl would only frame the same two messages).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "sys/peer.h"

/* An answer the kernel sends at once; a second is long enough. */
#define PEER_WAIT_MS	1000

int
peer_uid(const struct sockaddr *peer, socklen_t len, int port, uid_t *uid)
{
	struct {
		struct nlmsghdr		nh;
		struct inet_diag_req_v2	req;
	}			 q;
	union {
		struct nlmsghdr	nh;
		char		buf[8192];
	}			 a;
	const struct sockaddr_in	*p4 = (const void *)peer;
	const struct sockaddr_in6	*p6 = (const void *)peer;
	struct sockaddr_nl	 nl;
	struct timeval		 tv = { 0, PEER_WAIT_MS * 1000 };
	struct inet_diag_msg	*m;
	ssize_t			 n;
	int			 fd, rc = -1;

	memset(&q, 0, sizeof q);
	q.nh.nlmsg_len = sizeof q;
	q.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q.nh.nlmsg_flags = NLM_F_REQUEST;
	q.req.sdiag_protocol = IPPROTO_TCP;
	q.req.idiag_states = ~0U;
	q.req.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	q.req.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	q.req.id.idiag_dport = htons((uint16_t)port);
	if (peer->sa_family == AF_INET && len >= sizeof *p4) {
		if (ntohl(p4->sin_addr.s_addr) >> 24 != 127)
			return (-1);
		q.req.sdiag_family = AF_INET;
		q.req.id.idiag_sport = p4->sin_port;
		memcpy(q.req.id.idiag_src, &p4->sin_addr, 4);
		/* Ours: the loopback address the server listens on. */
		q.req.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	} else if (peer->sa_family == AF_INET6 && len >= sizeof *p6) {
		if (!IN6_IS_ADDR_LOOPBACK(&p6->sin6_addr))
			return (-1);
		q.req.sdiag_family = AF_INET6;
		q.req.id.idiag_sport = p6->sin6_port;
		memcpy(q.req.id.idiag_src, &p6->sin6_addr, 16);
		memcpy(q.req.id.idiag_dst, &in6addr_loopback, 16);
	} else
		return (-1);

	if ((fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
	    NETLINK_SOCK_DIAG)) == -1)
		return (-1);
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	memset(&nl, 0, sizeof nl);
	nl.nl_family = AF_NETLINK;
	if (sendto(fd, &q, sizeof q, 0, (struct sockaddr *)&nl,
	    sizeof nl) != (ssize_t)sizeof q)
		goto out;
	while ((n = recv(fd, &a, sizeof a, 0)) == -1 && errno == EINTR)
		continue;
	if (n < (ssize_t)sizeof a.nh || !NLMSG_OK(&a.nh, (size_t)n) ||
	    a.nh.nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    a.nh.nlmsg_len < NLMSG_LENGTH(sizeof *m))
		goto out;
	m = NLMSG_DATA(&a.nh);
	*uid = (uid_t)m->idiag_uid;
	rc = 0;
out:
	close(fd);
	return (rc);
}
