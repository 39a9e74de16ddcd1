export { OPERATOR, SYSTEM, sessionActor, actorLabel, frActor, type Actor } from "./actor.ts";
export { authorize, allows, isSameOrAncestor, type Access } from "./guard.ts";
export { currentActor } from "./current.ts";
