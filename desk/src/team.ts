// The team as GET /agents lists it: the caller's own status, and whom a ticket may go to.
import type { TeamMember } from "./api";

/** The caller's status as the team lists it; undefined when the list does not name them. */
export function statusOf(team: Pick<TeamMember, "email" | "status">[], me: string): TeamMember["status"] | undefined {
  return team.find((agent) => agent.email.toLowerCase() === me.toLowerCase())?.status;
}

/** The agents a ticket may be transferred to, by name, each with the e-mail that names them to the API. */
export function transferTargets(team: Pick<TeamMember, "email" | "name">[]): { email: string; label: string }[] {
  return [...team]
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email))
    .map((agent) => ({ email: agent.email, label: agent.name === agent.email ? agent.email : `${agent.name} <${agent.email}>` }));
}
