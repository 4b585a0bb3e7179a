import type { ApiImplementation } from "../../api-types/define.js";
import { ORDER_PRICES, orderTotal, type ordersApi } from "../../api-types/orders.js";

interface Order {
  id: string;
  productId: string;
  name: string;
  quantity: number;
  total: number;
}

/**
 * The demo's orders: demo state, in this host isolate's memory only. They
 * are lost when the isolate goes, and every client of the host sees the
 * same list; a real orders API keeps them in its own store.
 */
const placed: Order[] = [];

export const ordersImplementation: ApiImplementation<typeof ordersApi> = {
  place: ({ productId, quantity }) => {
    const order = { id: `o-${placed.length + 1}`, productId, name: ORDER_PRICES[productId].name, quantity, total: orderTotal(productId, quantity) };
    placed.push(order);
    return order;
  },
  list: () => placed.map((order) => ({ ...order })),
};
